"""Cases: the models, the builder, the schema and storing them."""

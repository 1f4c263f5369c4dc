"""Easy Read: the same journey, in short sentences with pictures, read aloud on request.

``content`` reads the words and pictures from the ``easy_read/`` folder (pure Python);
``views`` is the blueprint, mounted at ``/easy-read``. Answers go into the same draft and
the case is sent through the same function as the web form, with channel ``easy_read``.
"""

"""The service layer: what every channel does with a journey in progress, once.

Channels (the web form, Easy Read, the chat and staff-assisted intake) only translate
between their medium and these modules; they never import each other.

- ``journey``: a journey in progress, its answers and its state kept apart, and where it
  goes next (pure Python).
- ``drafts``: this visitor's journey, loaded and saved as an encrypted draft; sending it.
- ``summary``: "check your answers" rows, in the reader's language.
- ``timeouts``: forgetting a form left alone too long on a shared device, in every channel.
- ``saving``: "Save and come back later" and "Continue a saved form".
- ``limits``: one budget of guesses per visitor per action, whatever the channel.
- ``proof``: what this browser has proved (a case, by its reference and check code).
"""

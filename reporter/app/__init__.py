"""The use cases: plain functions the CLI, the preview server and the digest scheduler call.

Nothing here parses arguments or prints to a terminal; options come in as dataclasses and
results go back as data, so every front end behaves the same.
"""

"""The follow-up report ("verslag") of one evening, as plain data plus renderers.

``verslag.model`` holds the frozen dataclasses every renderer reads; ``verslag.renderers``
turns one :class:`~verslag.model.Verslag` into HTML, PDF, ODT, DOCX, XLSX, CSV or JSON.
Nothing here reads the database: a builder elsewhere fills the model.
"""

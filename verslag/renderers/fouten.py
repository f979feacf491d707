class RendererNietBeschikbaar(RuntimeError):
    """A format cannot be made on this server; the message is meant for the user."""

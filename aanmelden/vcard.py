"""Workgroup members as vCards (RFC 6350), for an address book: only those who consented."""

from __future__ import annotations

from collections.abc import Iterable

from aanmelden.models import Lidmaatschap


def tekst(waarde: str) -> str:
    """A TEXT value, escaped (RFC 6350 §3.4): backslash, comma, semicolon and line breaks."""
    waarde = waarde.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return waarde.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def vouw(regel: str) -> str:
    """Lines longer than 75 octets are folded (§3.2), never inside a UTF-8 character."""
    delen, huidig = [], b""
    for teken in regel:
        bytes_ = teken.encode()
        if len(huidig) + len(bytes_) > (75 if not delen else 74):
            delen.append(huidig.decode())
            huidig = b""
        huidig += bytes_
    delen.append(huidig.decode())
    return "\r\n ".join(delen)


def vcard(lid: Lidmaatschap) -> str:
    regels = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{tekst(lid.naam)}", f"N:{tekst(lid.naam)};;;;"]
    regels.append(f"EMAIL:{tekst(lid.email)}")
    if lid.telefoon:
        regels.append(f"TEL;VALUE=text:{tekst(lid.telefoon)}")
    if lid.organisatie:
        regels.append(f"ORG:{tekst(lid.organisatie)}")
    regels.append(f"NOTE:{tekst(lid.werkgroep.naam)}")
    regels.append("END:VCARD")
    return "".join(vouw(r) + "\r\n" for r in regels)


def vcards(leden: Iterable[Lidmaatschap]) -> str:
    return "".join(vcard(lid) for lid in leden if lid.toestemming_contact and lid.email)

"""Files for the import tests, built from rows by header."""

import io

from openpyxl import Workbook

from uitwisseling.kolommen import BLADEN, LOCATIES

LOCATIE = {
    "Extern ID": "",
    "Gemeente": "GM0200",
    "Naam": "Buurthuiskamer De Linde",
    "Soort": "plus_punt",
    "Straat": "Lindelaan",
    "Huisnummer": 12,
    "Postcode": "7311 AB",
    "Plaats": "Apeldoorn",
    "Breedtegraad": 52.21,
    "Lengtegraad": 5.97,
}


def locatie(**changes) -> dict:
    return {**LOCATIE, **{key.replace("_", " "): value for key, value in changes.items()}}


def xlsx(**bladen) -> bytes:
    """An XLSX file with a sheet per keyword (Locaties=[{header: value}, …])."""
    werkboek = Workbook()
    werkboek.remove(werkboek.active)
    for naam, rijen in bladen.items():
        blad = next(b for b in BLADEN if b.naam == naam)
        sheet = werkboek.create_sheet(naam)
        koppen = [kop for kop in blad.koppen if any(kop in rij for rij in rijen)] or [
            k.kop for k in blad.kolommen if k.verplicht
        ]
        sheet.append(koppen)
        for rij in rijen:
            sheet.append([rij.get(kop) for kop in koppen])
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def csv_bytes(rijen: list[dict], *, delimiter=";", encoding="cp1252") -> bytes:
    koppen = [kop for kop in LOCATIES.koppen if any(kop in rij for rij in rijen)]
    regels = [delimiter.join(koppen)]
    for rij in rijen:
        regels.append(delimiter.join(str(rij.get(kop, "")) for kop in koppen))
    return ("\r\n".join(regels) + "\r\n").encode(encoding)

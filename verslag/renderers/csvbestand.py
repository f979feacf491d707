"""CSV, one file per data set: comma-separated, UTF-8 with BOM (opens well in Excel).

Cells that a spreadsheet would run as a formula get a leading apostrophe
(:func:`verslag.schoon.csv_cel`).
"""

from __future__ import annotations

import csv
import io

from ..model import Verslag
from ..schoon import csv_cel
from .datasets import DATASETS, dataset, dataset_namen

CSV_DATASETS = DATASETS


def render_csv(verslag: Verslag, dataset_naam: str = "ideeen") -> bytes:
    """One data set as CSV; raises KeyError for a data set this edition does not offer."""
    data = dataset(verslag, dataset_naam)
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow([csv_cel(k) for k in data.kop])
    schrijver.writerows([csv_cel(c) for c in rij] for rij in data.rijen)
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


__all__ = ["CSV_DATASETS", "dataset_namen", "render_csv"]

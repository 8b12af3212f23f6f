"""WGS84 ↔ RD New (EPSG:28992) for shapely geometries, every vertex in one pyproj call.

Boundaries are stored in WGS84 degrees (lon, lat); distances and areas are measured in RD New
metres, the Dutch national grid that CBS publishes its wijk- en buurtkaart in."""

from functools import cache

import numpy as np
import shapely
from pyproj import Transformer

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"


@cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _transform(geometries: np.ndarray, transformer: Transformer) -> np.ndarray:
    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometries, transform)


def to_wgs84(geometries: np.ndarray) -> np.ndarray:
    """RD New geometries to WGS84 (lon, lat)."""
    return _transform(geometries, _transformer(RD_NEW, WGS84))


def to_rd(geometries: np.ndarray) -> np.ndarray:
    """WGS84 (lon, lat) geometries to RD New metres."""
    return _transform(geometries, _transformer(WGS84, RD_NEW))

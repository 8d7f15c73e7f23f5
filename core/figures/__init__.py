"""Extension point: the figures each app contributes (registry.py) and what they are called (labels.py).

An app's `figures.py` registers its counting function and names its keys:

    from core.figures import FigureRequest, register, register_labels

    register_labels("training", _("Training"), {"courses": _("Courses held")}, stocks=())

    @register("training")
    def training_figures(request: FigureRequest) -> dict[str, int]: ...

The reports app computes and shows them (reports.figures.compute); any app may read one namespace
(`contributor`) without importing the app that contributes it.
"""

from core.figures.labels import (
    Namespace,
    label,
    labels_with_previous,
    namespace_of,
    register_labels,
    with_previous,
)
from core.figures.records import RecordRow, Records, records_of, records_path, register_records
from core.figures.registry import (
    Contributor,
    FigureRequest,
    autodiscover,
    contributor,
    contributors,
    namespaces,
    register,
)

__all__ = [
    "Contributor",
    "FigureRequest",
    "Namespace",
    "RecordRow",
    "Records",
    "autodiscover",
    "contributor",
    "contributors",
    "label",
    "labels_with_previous",
    "namespace_of",
    "namespaces",
    "records_of",
    "records_path",
    "register",
    "register_labels",
    "register_records",
    "with_previous",
]

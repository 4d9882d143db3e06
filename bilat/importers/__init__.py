"""Importers of the datasets researchers already hold, by format name."""

from bilat.importers.aiddata import AIDDATA_DIPLOMACY, AIDDATA_PROJECTS
from bilat.importers.archigos import ARCHIGOS
from bilat.importers.atop import ATOP
from bilat.importers.base import Importer, ImportSummary, Skip, run_import
from bilat.importers.cameo import CAMEO
from bilat.importers.cow import COW_DIPLOMATIC, COW_STATES
from bilat.importers.desta import DESTA
from bilat.importers.desta_treaties import DESTA_TREATIES
from bilat.importers.embassies import EMBASSIES
from bilat.importers.gdelt import GDELT
from bilat.importers.ieadb import IEADB
from bilat.importers.kdiplo import KDIPLO
from bilat.importers.kdiplo_trade import KDIPLO_TRADE
from bilat.importers.reign import REIGN
from bilat.importers.state_pocom import STATE_POCOM
from bilat.importers.state_rdcr import STATE_RDCR
from bilat.importers.state_travels import STATE_TRAVELS, STATE_VISITS
from bilat.importers.unctad import UNCTAD_BITS
from bilat.importers.unvotes import UNVOTES

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (COW_STATES, COW_DIPLOMATIC, DESTA, EMBASSIES, GDELT, CAMEO, ATOP, UNCTAD_BITS, UNVOTES)
}
IMPORTERS.update((importer.name, importer) for importer in (REIGN, ARCHIGOS))
IMPORTERS.update((i.name, i) for i in (STATE_RDCR, STATE_POCOM, STATE_TRAVELS, STATE_VISITS))
IMPORTERS.update((i.name, i) for i in (IEADB, DESTA_TREATIES))
IMPORTERS.update((i.name, i) for i in (KDIPLO, KDIPLO_TRADE, AIDDATA_DIPLOMACY, AIDDATA_PROJECTS))

__all__ = ["IMPORTERS", "ImportSummary", "Importer", "Skip", "run_import"]

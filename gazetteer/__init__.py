"""An offline gazetteer: places of the world and, in depth, of a conflict theatre, under all their names."""
from gazetteer.gazetteer import Gazetteer, NameMatch, distance_km, rounded
from gazetteer.model import KINDS, SETTLEMENT_KINDS, Candidate, Place
from gazetteer.names import fold

__all__ = ["KINDS", "SETTLEMENT_KINDS", "Candidate", "Gazetteer", "NameMatch", "Place", "distance_km", "fold", "rounded"]

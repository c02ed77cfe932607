"""An offline gazetteer: places of the world and, in depth, of a conflict theatre, under all their names."""
from gazetteer.model import KINDS, Candidate, Place

__all__ = ["KINDS", "Candidate", "Place"]

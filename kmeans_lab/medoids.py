"""K-Medoids: PAM (BUILD + SWAP), the alternating method and FasterPAM."""

__all__ = []

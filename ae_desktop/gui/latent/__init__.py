"""The latent plane: codes, labels, the latent map, picking a point, interpolation."""

"""Communities, grids and grid workers."""

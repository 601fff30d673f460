"""Views of the graph: networkx projections, the HTML network, graph exports."""

"""The demo network's words: names, places, texts and the weights that shape it,
one module per part of the demo (organizations, applications, campaigns, the
board, the library, the news). Written for this project; no real organization,
person, campaign or document is described. The builders in network/demo/ read
these."""

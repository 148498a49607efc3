"""Each channel's arithmetic: what a carrier, a phone line or an inbox will make of a text."""

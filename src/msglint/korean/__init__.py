"""Korean language analysis: morphology (kiwipiepy), speech level and honorific address."""

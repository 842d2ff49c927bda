package main

// labels are the fixed words of the plain-text output in one language.
type labels map[string]string

// labelsFor returns the Dutch words for nl and the English ones otherwise.
func labelsFor(lang string) labels {
	if lang == "nl" {
		return labelText["nl"]
	}
	return labelText["en"]
}

var labelText = map[string]labels{
	"nl": {
		// questionnaire show
		"version": "versie", "levels": "Niveaus", "rules": "Regels",
		"threshold": "drempel per fase", "cap": "funderingsplafond", "on": "aan", "off": "uit",
		"spread": "discussie vanaf spreiding", "anonymity": "anonimiteitsdrempel", "target": "doelniveau",
		"weight": "gewicht", "stages": "fasen, in volgorde", "governance": "fundering: governance",
		"readiness": "fundering: paraatheid", "recs": "Aanbevelingen (van niveau naar het volgende)",
		"respondents": "respondenten",
		// results
		"round": "ronde", "open": "open", "closed": "gesloten", "self": "zelfevaluatie", "workshop": "workshop",
		"maturity": "Volwassenheid", "level": "niveau", "score": "score", "no score": "geen score",
		"capped": "begrensd: de totaalscore is niveau %d, maar %s staat op niveau %d (plafond: niveau %d)",
		"stage":  "Fase", "stage none": "geen fase bereikt", "reached": "bereikt", "blocked by": "geblokkeerd door",
		"all stages": "alle fasen bereikt", "stage threshold": "drempel",
		"col group": "GROEP / DIMENSIE", "col score": "SCORE", "col level": "NIVEAU", "col target": "DOEL",
		"col gap": "GAT", "col confidence": "ZEKERHEID", "col answered": "ANTWOORDEN", "col dk": "WN", "col na": "NVT",
		"high": "hoog", "medium": "middel", "low": "laag", "none": "geen",
		"recommendations":    "Eerst aanpakken (grootste gat × gewicht eerst)",
		"no recommendations": "Geen aanbevelingen: elke dimensie met een score haalt haar doel.",
		"discuss":            "Bespreken: antwoorden lopen %d of meer niveaus uiteen",
		"discuss hidden":     "%d vraag/vragen lopen uiteen; details pas vanaf %d respondenten (anonimiteit).",
		"no answers":         "nog geen antwoorden",
		"col department":     "AFDELING", "col round": "RONDE", "col respondents": "RESPONDENTEN", "col stage": "FASE",
		"col maturity": "VOLWASSENHEID", "no assessment": "nog geen meting",
		"answered": "beantwoord", "respondent": "respondent", "saved to": "alles is opgeslagen in",
		"answering closed": "het antwoorden is gesloten: de groep bespreekt de antwoorden",
		"revote notice":    "Herstemming: beantwoord de besproken vragen opnieuw (↺ is je eerste stem).",
		"workshop ended":   "deze workshop is afgelopen: de ronde is gesloten",
	},
	"en": {
		"version": "version", "levels": "Levels", "rules": "Rules",
		"threshold": "stage threshold", "cap": "foundation cap", "on": "on", "off": "off",
		"spread": "discussion from spread", "anonymity": "anonymity threshold", "target": "target level",
		"weight": "weight", "stages": "stages, in order", "governance": "foundation: governance",
		"readiness": "foundation: readiness", "recs": "Recommendations (from a level to the next)",
		"respondents": "respondents",
		"round":       "round", "open": "open", "closed": "closed", "self": "self-assessment", "workshop": "workshop",
		"maturity": "Maturity", "level": "level", "score": "score", "no score": "no score",
		"capped": "capped: the overall score is level %d, but %s is at level %d (cap: level %d)",
		"stage":  "Stage", "stage none": "no stage reached", "reached": "reached", "blocked by": "blocked by",
		"all stages": "every stage reached", "stage threshold": "threshold",
		"col group": "GROUP / DIMENSION", "col score": "SCORE", "col level": "LEVEL", "col target": "TARGET",
		"col gap": "GAP", "col confidence": "CONFIDENCE", "col answered": "ANSWERED", "col dk": "DK", "col na": "NA",
		"high": "high", "medium": "medium", "low": "low", "none": "none",
		"recommendations":    "Do first (largest gap × weight first)",
		"no recommendations": "No recommendations: every dimension with a score meets its target.",
		"discuss":            "To discuss: answers span %d or more levels",
		"discuss hidden":     "%d question(s) diverge; details are shown from %d respondents on (anonymity).",
		"no answers":         "no answers yet",
		"col department":     "DEPARTMENT", "col round": "ROUND", "col respondents": "RESPONDENTS", "col stage": "STAGE",
		"col maturity": "MATURITY", "no assessment": "no assessment yet",
		"answered": "answered", "respondent": "respondent", "saved to": "everything is saved in",
		"answering closed": "answering is closed: the group discusses the answers",
		"revote notice":    "Re-vote: answer the discussed questions again (↺ is your first vote).",
		"workshop ended":   "this workshop has ended: the round is closed",
	},
}

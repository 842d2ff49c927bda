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
		"threshold": "fase bereikt vanaf score", "cap": "funderingsplafond", "on": "aan", "off": "uit",
		"minimum cap": "plafond bij een onvervuld wettelijk minimum: niveau", "minimum": "Wettelijk minimum: niveau",
		"action": "actie",
		"spread": "discussie vanaf spreiding", "anonymity": "anonimiteitsdrempel", "target": "doelniveau",
		"weight": "gewicht", "stages": "fasen, in volgorde", "governance": "fundering: governance",
		"readiness": "fundering: randvoorwaarden", "recs": "Aanbevelingen (van niveau naar het volgende)",
		"respondents": "respondenten",
		// department list (the text of maturity results is tui's)
		"open": "open", "col department": "AFDELING", "col round": "RONDE", "col respondents": "RESPONDENTEN",
		"col maturity": "VOLWASSENHEID", "no assessment": "nog geen meting",
		"answered": "beantwoord", "respondent": "respondent", "saved to": "alles is opgeslagen in",
		"answering closed": "het antwoorden is gesloten: de groep bespreekt de antwoorden",
		"revote notice":    "Herstemming: beantwoord de besproken vragen opnieuw (↺ is je eerste stem).",
		"workshop ended":   "deze workshop is afgelopen: de ronde is gesloten",
		"server error":     "dat lukte niet op de server; de begeleider ziet wat er misging",
	},
	"en": {
		"version": "version", "levels": "Levels", "rules": "Rules",
		"threshold": "stage reached from score", "cap": "foundation cap", "on": "on", "off": "off",
		"minimum cap": "cap while a legal minimum is unmet: level", "minimum": "Legal minimum: level",
		"action": "action",
		"spread": "discussion from spread", "anonymity": "anonymity threshold", "target": "target level",
		"weight": "weight", "stages": "stages, in order", "governance": "foundation: governance",
		"readiness": "foundation: enabling conditions", "recs": "Recommendations (from a level to the next)",
		"respondents": "respondents",
		// department list
		"open": "open", "col department": "DEPARTMENT", "col round": "ROUND", "col respondents": "RESPONDENTS",
		"col maturity": "MATURITY", "no assessment": "no assessment yet",
		"answered": "answered", "respondent": "respondent", "saved to": "everything is saved in",
		"answering closed": "answering is closed: the group discusses the answers",
		"revote notice":    "Re-vote: answer the discussed questions again (↺ is your first vote).",
		"workshop ended":   "this workshop has ended: the round is closed",
		"server error":     "that did not work on the server; the facilitator sees what went wrong",
	},
}

package tui

// texts are the fixed words of the interface in one language.
type texts map[string]string

// textsFor returns the Dutch words for nl and the English ones otherwise.
func textsFor(lang string) texts {
	if lang == "nl" {
		return textTable["nl"]
	}
	return textTable["en"]
}

var textTable = map[string]texts{
	"nl": {
		"key choose": "kiezen", "key answer": "antwoorden", "key answer and next": "antwoorden en door",
		"dont know": "weet niet", "not applicable": "niet van toepassing",
		"key prev next": "vorige/volgende", "key overview": "overzicht", "key note": "notitie",
		"key help": "hulp", "key finish": "afronden", "key quit": "stoppen", "key back": "terug",
		"key save note": "notitie bewaren", "key report": "rapport (PDF)",
		"report written": "Rapport geschreven: %s", "report failed": "Rapport NIET geschreven: %s",
		"question": "vraag", "of": "van", "round": "ronde", "in dimension": "in deze dimensie",
		"answered": "beantwoord", "note": "Notitie", "saved": "Alles is opgeslagen.",
		"not saved": "NIET opgeslagen", "too small": "Maak het venster groter: minstens %d×%d tekens (nu %d×%d).",
		"overview": "Overzicht: kies een dimensie en druk op enter", "note title": "Notitie bij deze vraag (bewijs, voorbeeld, toelichting); esc bewaart, een lege notitie wist",
		"finish title": "Afronden?", "unanswered": "Nog niet beantwoord (%d):", "finish yes": "enter: toch afronden", "finish no": "esc: terug naar de eerste open vraag",
		"all answered": "Alle vragen zijn beantwoord.",
		"results":      "Resultaat", "maturity": "Volwassenheid", "level": "niveau", "capped": "begrensd door %s (niveau %d): zonder dat plafond niveau %d",
		"not capped": "niet begrensd door de fundering", "stage": "Analysefase", "stage none": "nog geen fase bereikt",
		"blocked": "het volgende niveau houdt tegen: %s", "all stages": "alle fasen bereikt",
		"dimensions": "Dimensies (score · niveau · ▏doel)", "first": "Eerst aanpakken",
		"none yet": "Nog geen antwoorden met een score.", "report hint": "Rapport: %s",
		"results keys": "q stoppen · esc terug naar de vragen", "results keys report": "r rapport (PDF) · q stoppen · esc terug naar de vragen", "computing": "Resultaat berekenen…",
		"respondents": "respondenten", "respondent": "respondent", "threshold": "drempel",
		"pick questionnaire": "Met welke vragenlijst?",
		"acc prompt":         "Antwoord %d–%d, d of n (enter: overslaan, b: vorige, e: notitie, q: stoppen): ",
		"home title":         "maturity — hoe datagedreven werkt de afdeling?",
		"home start":         "Meting starten of hervatten", "home resume": "Verder met een onafgemaakte meting",
		"home results": "Resultaten bekijken", "home language": "Language: English (nu: Nederlands)", "home quit": "Stoppen",
		"home keys":  "↑/↓ kiezen · enter openen · q stoppen",
		"pick start": "Voor welke afdeling? Typ om te zoeken, of een nieuwe naam.", "pick results": "Van welke afdeling?",
		"pick add": "+ nieuwe afdeling: %s", "pick none": "Geen afdeling gevonden.", "pick keys": "↑/↓ kiezen · enter verder · esc terug",
		"alias":      "Afdeling %s: onder welke schuilnaam antwoord je?",
		"alias help": "Een schuilnaam, geen echte naam: met dezelfde schuilnaam ga je later verder waar je was. Collega's kiezen elk een eigen schuilnaam.",
		"alias keys": "enter beginnen · esc terug", "none unfinished": "Er zijn geen onafgemaakte metingen.",
		"past keys":      "↑/↓ scrollen · esc terug",
		"workshop title": "maturity — workshop", "code prompt": "Typ de workshopcode die de begeleider laat zien, en druk op enter.",
		"pseudonym prompt": "Kies een schuilnaam (geen echte naam). Met dezelfde schuilnaam ga je later verder waar je was.",
		"code wrong":       "Die code klopt niet. Probeer het opnieuw.", "code refused": "Te veel verkeerde codes: de verbinding wordt gesloten.",
		"acc current": "huidig antwoord", "acc invalid": "Dat is geen antwoord: typ 0, 1, 2, 3, 4, d of n.",
	},
	"en": {
		"key choose": "choose", "key answer": "answer", "key answer and next": "answer and go on",
		"dont know": "don't know", "not applicable": "not applicable",
		"key prev next": "previous/next", "key overview": "overview", "key note": "note",
		"key help": "help", "key finish": "finish", "key quit": "quit", "key back": "back",
		"key save note": "keep note", "key report": "report (PDF)",
		"report written": "Report written: %s", "report failed": "Report NOT written: %s",
		"question": "question", "of": "of", "round": "round", "in dimension": "in this dimension",
		"answered": "answered", "note": "Note", "saved": "Everything is saved.",
		"not saved": "NOT saved", "too small": "Make the window larger: at least %d×%d characters (now %d×%d).",
		"overview": "Overview: choose a dimension and press enter", "note title": "Note on this question (evidence, example, explanation); esc keeps it, an empty note removes it",
		"finish title": "Finish?", "unanswered": "Not answered yet (%d):", "finish yes": "enter: finish anyway", "finish no": "esc: back to the first open question",
		"all answered": "Every question is answered.",
		"results":      "Result", "maturity": "Maturity", "level": "level", "capped": "capped by %s (level %d): without that cap level %d",
		"not capped": "not capped by the foundations", "stage": "Analytics stage", "stage none": "no stage reached yet",
		"blocked": "what blocks the next one: %s", "all stages": "every stage reached",
		"dimensions": "Dimensions (score · level · ▏target)", "first": "Do first",
		"none yet": "No scored answers yet.", "report hint": "Report: %s",
		"results keys": "q quit · esc back to the questions", "results keys report": "r report (PDF) · q quit · esc back to the questions", "computing": "Computing the result…",
		"respondents": "respondents", "respondent": "respondent", "threshold": "threshold",
		"pick questionnaire": "With which questionnaire?",
		"acc prompt":         "Answer %d–%d, d or n (enter: skip, b: back, e: note, q: quit): ",
		"home title":         "maturity — how data-driven is the department?",
		"home start":         "Start or resume an assessment", "home resume": "Continue an unfinished assessment",
		"home results": "View results", "home language": "Taal: Nederlands (now: English)", "home quit": "Quit",
		"home keys":  "↑/↓ choose · enter open · q quit",
		"pick start": "For which department? Type to search, or a new name.", "pick results": "Of which department?",
		"pick add": "+ new department: %s", "pick none": "No department found.", "pick keys": "↑/↓ choose · enter go on · esc back",
		"alias":      "Department %s: under which pseudonym do you answer?",
		"alias help": "A pseudonym, not your real name: with the same pseudonym you continue later where you were. Colleagues each choose their own.",
		"alias keys": "enter begin · esc back", "none unfinished": "There are no unfinished assessments.",
		"past keys":      "↑/↓ scroll · esc back",
		"workshop title": "maturity — workshop", "code prompt": "Type the workshop code the facilitator shows, and press enter.",
		"pseudonym prompt": "Choose a pseudonym (not your real name). With the same pseudonym you continue later where you were.",
		"code wrong":       "That code is not right. Try again.", "code refused": "Too many wrong codes: the connection closes.",
		"acc current": "current answer", "acc invalid": "That is not an answer: type 0, 1, 2, 3, 4, d or n.",
	},
}

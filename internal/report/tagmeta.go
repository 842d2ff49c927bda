package report

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// docMeta is what the catalog and the XMP metadata say of the document.
type docMeta struct {
	title, author, creator, producer string
	// lang is the document's language as BCP 47 (nl-NL, en-GB).
	lang string
	date time.Time
}

// xmp is the document's XMP metadata: its title, author, language and
// dates as the document information says them, and PDF/UA-1.
func (m docMeta) xmp() string {
	esc := html.EscapeString
	date := m.date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(m.title))
	if m.author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.author))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(m.lang))
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", esc(m.creator), date, date)
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(m.producer))
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.String()
}

// bcp47 is a report language as the document's language tag.
func bcp47(lang string) string {
	switch lang {
	case "nl":
		return "nl-NL"
	case "en":
		return "en-GB"
	}
	return lang
}

package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// Style is a house style: the organisation's name, logo, colours and font.
type Style struct {
	Organisation string
	// Logo is the image file's content; LogoType is "png" or "jpeg".
	Logo     []byte
	LogoType string
	// Primary colours headings, bars and the cover; Accent marks targets
	// and blockers.
	Primary, Accent colour
	// Font is "sans" (Go Regular) or "medium" (Go Medium, heavier). Go
	// Mono is not offered: gofpdf embeds it differently on every run, which
	// would break byte-identical reports.
	Font string
}

// DefaultStyle is the neutral, sober house style.
func DefaultStyle() Style {
	return Style{Primary: colour{31, 78, 121}, Accent: colour{179, 71, 0}, Font: "sans"}
}

// hex writes c as #rrggbb.
func (c colour) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

var hexColour = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// StyleError lists every problem of a style file as FILE:LINE:COL: message.
type StyleError struct{ Problems []string }

func (e *StyleError) Error() string { return strings.Join(e.Problems, "\n") }

// styleFile is the YAML form of a style.
type styleFile struct {
	Organisation string `yaml:"organisation"`
	Logo         string `yaml:"logo"`
	Colours      struct {
		Primary string `yaml:"primary"`
		Accent  string `yaml:"accent"`
	} `yaml:"colours"`
	Font string `yaml:"font"`
}

// LoadStyle reads a style file. A logo path is relative to the file.
func LoadStyle(path string) (Style, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Style{}, err
	}
	return ParseStyle(path, src)
}

// ParseStyle reads a style from src; file names it in problems.
func ParseStyle(file string, src []byte) (Style, error) {
	st := DefaultStyle()
	var problems []string
	at := func(path string) string {
		p, err := yaml.PathString(path)
		if err == nil {
			if n, err := p.ReadNode(bytes.NewReader(src)); err == nil && n != nil && n.GetToken() != nil {
				pos := n.GetToken().Position
				return fmt.Sprintf("%s:%d:%d", file, pos.Line, pos.Column)
			}
		}
		return file
	}
	var f styleFile
	if err := yaml.UnmarshalWithOptions(src, &f, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
		msg := err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				return st, &StyleError{[]string{fmt.Sprintf("%s:%d:%d: %s (expected the fields organisation, logo, colours {primary, accent}, font)", file, tk.Position.Line, tk.Position.Column, msg)}}
			}
		}
		return st, &StyleError{[]string{fmt.Sprintf("%s: %s", file, msg)}}
	}
	st.Organisation = strings.TrimSpace(f.Organisation)
	for _, c := range []struct {
		name, value string
		into        *colour
	}{{"primary", f.Colours.Primary, &st.Primary}, {"accent", f.Colours.Accent, &st.Accent}} {
		if c.value == "" {
			continue
		}
		if !hexColour.MatchString(c.value) {
			problems = append(problems, fmt.Sprintf("%s: colours.%s: %q is not a colour (expected #rrggbb, e.g. #1F4E79)", at("$.colours."+c.name), c.name, c.value))
			continue
		}
		v, _ := strconv.ParseUint(c.value[1:], 16, 32)
		*c.into = colour{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}
	}
	switch f.Font {
	case "", "sans", "medium":
		if f.Font != "" {
			st.Font = f.Font
		}
	default:
		problems = append(problems, fmt.Sprintf("%s: font: %q is not an embedded font (expected sans or medium)", at("$.font"), f.Font))
	}
	if f.Logo != "" {
		path := f.Logo
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(file), path)
		}
		data, err := os.ReadFile(path)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: logo: cannot read %s (expected a PNG or JPEG file)", at("$.logo"), path))
		case len(data) > 4<<20:
			problems = append(problems, fmt.Sprintf("%s: logo: %s is %d bytes (expected at most 4 MiB)", at("$.logo"), path, len(data)))
		default:
			_, format, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || (format != "png" && format != "jpeg") {
				problems = append(problems, fmt.Sprintf("%s: logo: %s is not a PNG or JPEG image", at("$.logo"), path))
			} else {
				st.Logo, st.LogoType = data, format
			}
		}
	}
	if len(problems) > 0 {
		return st, &StyleError{problems}
	}
	return st, nil
}

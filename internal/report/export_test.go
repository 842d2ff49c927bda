package report

// StyleColours are a style's primary and accent colours as #rrggbb, for
// the tests of the external package.
func StyleColours(s Style) [2]string { return [2]string{s.Primary.hex(), s.Accent.hex()} }

package input

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/ladder-cli/ladder/framework"
)

// ConfigName is the file beside a framework that records what shape
// detection cannot know.
const ConfigName = "ladder.yaml"

// Config is the content of ladder.yaml. Every field is optional.
type Config struct {
	// File is where the config was read from ("" when there is none).
	File string `yaml:"-"`
	// Input names the shape, as --input does.
	Input string `yaml:"input"`
	// Order lists the levels lowest first, by slug or name.
	Order []string `yaml:"order"`
	// Names maps level slugs to display names.
	Names map[string]string `yaml:"names"`
	// Tracks maps a track name to the levels (slugs or names) on it.
	Tracks map[string][]string `yaml:"tracks"`
	// LevelHeading is the heading depth (1-6) of a level in a Markdown
	// file, or of a level section in a folder of competency files.
	LevelHeading int `yaml:"level_heading"`
	// Fields name the fields of a data file's records.
	Fields Fields `yaml:"fields"`
	// Credit names the framework's source and licence, free text shown
	// on every page `ladder docs` generates (licences such as CC BY
	// require it).
	Credit string `yaml:"credit"`
}

// Fields name where a data file keeps its levels, pillars and items:
// plain field names, as in the file.
type Fields struct {
	// Levels is the top-level list of levels ("levels").
	Levels string `yaml:"levels"`
	// Pillars is the top-level list of pillars ("themes").
	Pillars string `yaml:"pillars"`
	// Items is the top-level list of items ("competencies").
	Items string `yaml:"items"`
	// Level is the item field naming its level ("level").
	Level string `yaml:"level"`
	// Pillar is the item field naming its pillar ("theme").
	Pillar string `yaml:"pillar"`
	// Text is the item field holding its text ("summary").
	Text string `yaml:"text"`
	// ID and Name are the fields of a level or pillar record ("id",
	// "name").
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
}

// ReadConfig reads ladder.yaml from dir in fsys; a missing file is a zero
// Config and no error.
func ReadConfig(fsys fs.FS, dir string, limits framework.Limits) (Config, error) {
	name := path.Join(dir, ConfigName)
	in := &Input{FS: fsys, Limits: limits}
	data, err := in.ReadFile(name)
	var fe *framework.Error
	if errors.As(err, &fe) && fe.Code == "not-found" {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, err
	}
	var c Config
	n, err := DecodeYAML(data, name, 1)
	if err != nil {
		return Config{}, err
	}
	if len(n.Content) > 0 {
		dec := n.Content[0]
		if err := dec.Decode(&c); err != nil {
			return Config{}, YAMLError(err, name, 1)
		}
	}
	if c.LevelHeading < 0 || c.LevelHeading > 6 {
		return Config{}, &framework.Error{Source: framework.Source{File: name}, Code: "config", Err: fmt.Errorf("level_heading is %d; want 1 to 6", c.LevelHeading)}
	}
	c.File = name
	return c, nil
}

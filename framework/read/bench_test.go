package read

import (
	"os"
	"path"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

// BenchmarkReadReal detects and reads each real framework of
// ../shared/frameworks, as `ladder levels --framework X` does.
func BenchmarkReadReal(b *testing.B) {
	root := "../../../shared/frameworks"
	if _, err := os.Stat(root); err != nil {
		b.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	for _, fw := range []string{
		"Codecademy+engineering-competencies/README.md",
		"dropbox+dbx-career-framework/docs",
		"artsy+README/careers/ladder.md",
		"alphagov+gds-tech-learning-pathway/career-path",
		"Financial-Times+engineering-progression/data/job-families/engineering.yml",
		"monzo+progression-framework/frameworks/engineering/backend.md",
	} {
		b.Run(path.Base(path.Dir(fw))+"/"+path.Base(fw), func(b *testing.B) {
			fsys := os.DirFS(root)
			for b.Loop() {
				got, err := Reader{}.Read(fsys, fw, framework.DefaultLimits)
				if err != nil || got == nil {
					b.Fatal(err)
				}
			}
		})
	}
}

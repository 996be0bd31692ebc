// Package gen generates career frameworks of any size for benchmarks and
// scale tests: a Hugo site whose levels evolve the way real ones do, with
// items kept, reworded, strengthened, added, removed and moved between
// pillars. Only tests import it.
package gen

import (
	"fmt"
	"math/rand"
	"strings"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
)

var (
	verbs = strings.Fields("owns drives ships reviews designs mentors plans deploys monitors documents " +
		"automates migrates debugs estimates prioritises tests hardens scales measures coordinates " +
		"proposes improves maintains audits simplifies secures triages coaches leads explains")
	objects = []string{
		"the deploy pipeline", "database migrations", "incident reviews", "on-call runbooks", "alert thresholds",
		"capacity plans", "the service roadmap", "merge requests", "design documents", "error budgets",
		"load tests", "the metrics exporter", "access reviews", "backup restores", "release notes",
		"dependency upgrades", "the query layer", "ingestion workers", "cost reports", "interview loops",
		"onboarding guides", "postmortem actions", "feature flags", "schema changes", "service ownership",
		"SLO dashboards", "rollout plans", "chaos experiments", "build caches", "API contracts",
		"retention policies", "the storage tier", "queue consumers", "tracing coverage", "TLS certificates",
		"quarterly goals", "team rituals", "hiring rubrics", "code review standards", "test fixtures",
	}
	scopes     = []string{"for their own tasks", "for their team", "across two or three teams", "across the department", "across the company"}
	qualifiers = []string{"with guidance", "independently", "before deadlines slip", "with clear written updates",
		"using the standard tooling", "with measurable outcomes", "without being asked", "in the open"}
	clauses = []string{"and writes down what they learn", "and helps others do the same", "and reviews the results with stakeholders",
		"and removes the toil it causes", "and explains the trade-offs", "and follows up until it is done"}
	pillarNames = []string{"Ownership", "Execution", "Communication", "Judgement", "Team building", "Craft", "Impact", "Influence"}
	levelNames  = []string{"Intern", "Associate", "Intermediate", "Senior", "Staff", "Senior Staff", "Principal", "Distinguished", "Fellow"}
)

// Options size a generated framework.
type Options struct {
	// Levels is the number of levels (at most 9).
	Levels int
	// Pillars is the number of pillars per level (at most 8).
	Pillars int
	// Items is the number of items per pillar at the lowest level.
	Items int
	// Seed makes the framework reproducible.
	Seed int64
}

// minTopics is how many systems items can name at least. A bigger
// framework names more of them (topicsFor): a real organisation's
// vocabulary grows with the text written about it, so a generated
// framework of 40,000 items does not repeat each system name eight times
// more often than one of 5,000.
const minTopics = 5000

// topicsFor is how many systems the items of a framework of n items per
// pillar can name: one per item, at least minTopics (so frameworks of up
// to 5,000 items per pillar are what they always were).
func topicsFor(n int) int { return max(minTopics, n) }

// Dir is the framework folder in the generated site.
const Dir = "content/careers/gen"

// Real frameworks name many systems and practices; each item names one
// of a few thousand, so items differ in their rare words as real ones do.
var (
	prefixes = strings.Fields("ledger billing search ingest query render payment identity audit metrics storage routing " +
		"catalog session inbox export import schedule notify archive gateway profile pricing invoice quota tenant " +
		"shipping review deploy config secret license report")
	suffixes = strings.Fields("api worker indexer cache queue service cluster pipeline exporter proxy store scheduler " +
		"dashboard runbook migration library gateway backfill")
)

func topic(i int) string {
	return prefixes[i%len(prefixes)] + "-" + suffixes[(i/len(prefixes))%len(suffixes)] + fmt.Sprint(i/(len(prefixes)*len(suffixes))+1)
}

type item struct {
	verb, object, scope, qual, clause, topic int
}

func (it item) text() string {
	s := verbs[it.verb] + " " + objects[it.object] + " of the " + topic(it.topic) + " " + scopes[it.scope] + " " + qualifiers[it.qual]
	if it.clause >= 0 {
		s += ", " + clauses[it.clause]
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Site generates a framework as a Hugo site.
func Site(o Options) fstest.MapFS {
	rng := rand.New(rand.NewSource(o.Seed))
	o.Levels = min(max(o.Levels, 2), len(levelNames))
	o.Pillars = min(max(o.Pillars, 1), len(pillarNames))
	fsys := fstest.MapFS{}
	topics := topicsFor(o.Items)
	pillars := make([][]item, o.Pillars)
	for p := range pillars {
		for i := 0; i < o.Items; i++ {
			pillars[p] = append(pillars[p], item{rng.Intn(len(verbs)), rng.Intn(len(objects)), 0, rng.Intn(len(qualifiers)), -1, rng.Intn(topics)})
		}
	}
	var index strings.Builder
	for l := 0; l < o.Levels; l++ {
		name := levelNames[l]
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		fmt.Fprintf(&index, "1. [%s](/careers/gen/%s/)\n", name, slug)
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\n---\n\n{{%% include \"includes/gen/nav.md\" %%}}\n\n## %s\n\n%s engineers work at scope %d.\n\n", name+" - Generated Career Framework", name, name, l)
		for p, items := range pillars {
			fmt.Fprintf(&b, "## %s\n\n", pillarNames[p])
			for _, it := range items {
				fmt.Fprintf(&b, "1. %s\n", it.text())
			}
			b.WriteString("\n")
		}
		b.WriteString("## Engineering alignment\n\n### " + name + " Values Alignment\n\n{{% include \"includes/gen/values.md\" %}}\n")
		fsys[Dir+"/"+slug+".md"] = &fstest.MapFile{Data: []byte(b.String())}
		// Evolve for the next level.
		for p := range pillars {
			var next []item
			for _, it := range pillars[p] {
				switch r := rng.Intn(100); {
				case r < 40: // kept
				case r < 60: // reworded: another qualifier
					it.qual = rng.Intn(len(qualifiers))
				case r < 75: // strengthened: wider scope and a clause
					it.scope = min(it.scope+1, len(scopes)-1)
					it.clause = rng.Intn(len(clauses))
				case r < 85: // removed
					continue
				case r < 92: // moved to another pillar
					q := rng.Intn(len(pillars))
					if q != p {
						pillars[q] = append(pillars[q], it)
						continue
					}
				}
				next = append(next, it)
			}
			// Added items keep the pillar's size roughly steady.
			for len(next) < o.Items {
				next = append(next, item{rng.Intn(len(verbs)), rng.Intn(len(objects)), min(l/2, len(scopes)-1), rng.Intn(len(qualifiers)), -1, rng.Intn(topics)})
			}
			pillars[p] = next
		}
	}
	fsys[Dir+"/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Generated\n---\n\n" + index.String())}
	fsys["assets/includes/gen/nav.md"] = &fstest.MapFile{Data: []byte("---\n\n[Careers](/careers/) | [Generated](/careers/gen/)\n\n---\n")}
	fsys["assets/includes/gen/values.md"] = &fstest.MapFile{Data: []byte("##### Company\n\n* Acts on the company values.\n* Writes things down.\n")}
	return fsys
}

// Levels generates a framework and loads two adjacent levels of it.
func Levels(o Options) (from, to *framework.Level, err error) {
	o.Levels = 2
	fw, err := framework.Load(Site(o), Dir)
	if err != nil {
		return nil, nil, err
	}
	return fw.Levels[0], fw.Levels[1], nil
}

// Package browsertest holds the tests that load the HTML pages of
// package render in headless Chromium: the DOM they build, that no
// script from framework text runs, that no network request is made,
// their accessibility, print and dark-mode styles, and screenshots at a
// phone and a desktop width. The tests skip when Chromium is not
// installed (Debian: apt-get install chromium).
//
// With LADDER_SCREENSHOTS=DIR the screenshots are written to DIR (the
// ones in docs/ are made that way); otherwise to a temporary folder.
package browsertest

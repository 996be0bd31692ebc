package compare

// byteClass tells what the text functions (normalize, words, tokenize)
// make of a byte; most of a text is ASCII, and a table lookup is cheaper
// than the unicode package's, or a run of comparisons. Bytes of
// multi-byte runes are cx: those functions decode the rune and look it up
// the general way. A table literal, not one built by a loop, so that
// nothing runs when the program starts; TestByteClass checks it against
// the definitions.
var byteClass = [256]uint8{
	/* 00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, csn, csn, csn, csn, csn, 0, 0,
	/* 10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 20 */ csn, cn, cn, 0, 0, 0, 0, cni, cn, cn, 0, 0, cn, cni, cn, 0,
	/* 30 */ cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cn, cn, 0, 0, 0, cn,
	/* 40 */ 0, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu,
	/* 50 */ cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cu, cn, 0, cn, 0, 0,
	/* 60 */ 0, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl,
	/* 70 */ cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cl, cn, 0, cn, 0, 0,
	/* 80 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* 90 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* a0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* b0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* c0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* d0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* e0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
	/* f0 */ cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx, cx,
}

// The byte classes: flags, as a byte can be several things.
const (
	cx = 1 << iota // not ASCII: a byte of a multi-byte rune, or not UTF-8
	cu             // upper case: A-Z
	cl             // a-z and 0-9: part of a word as it is
	cs             // white space: unicode.IsSpace
	cn             // separates words in normalize: white space or isSentencePunct
	ci             // may stand inside a word: - and '
)

// Combined classes, for the table.
const (
	csn = cs | cn // white space
	cni = cn | ci // - and '
)

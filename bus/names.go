package bus

// Hand-written checks for the names the kernel validates (account ids, regions, sink resource names).
// They replace regular expressions so that nothing is compiled when the package loads; each comment
// gives the pattern it implements.

// charClass is a set of ASCII bytes.
type charClass [256]bool

func classOf(ranges ...string) *charClass {
	var c charClass
	for _, r := range ranges {
		if len(r) == 3 && r[1] == '-' {
			for x := int(r[0]); x <= int(r[2]); x++ {
				c[x] = true
			}
			continue
		}
		for i := 0; i < len(r); i++ {
			c[r[i]] = true
		}
	}
	return &c
}

// all reports whether every byte of s is in c and 1 ≤ len(s) ≤ max.
func (c *charClass) all(s string, max int) bool {
	if len(s) < 1 || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !c[s[i]] {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// validAccount implements ^[0-9]{12}$.
func validAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// validRegion implements ^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$, trying every reading of
// the optional group as a backtracking matcher would.
func validRegion(s string) bool {
	if len(s) < 2 || !isLower(s[0]) || !isLower(s[1]) {
		return false
	}
	s = s[2:]
	if regionTail(s) {
		return true
	}
	if len(s) >= 4 && (s[:4] == "-gov" || s[:4] == "-iso") && regionTail(s[4:]) {
		return true
	}
	return len(s) >= 5 && s[:4] == "-iso" && isLower(s[4]) && regionTail(s[5:])
}

// regionTail implements -[a-z]+-[0-9]{1,2}$.
func regionTail(s string) bool {
	if len(s) < 4 || s[0] != '-' {
		return false
	}
	i := 1
	for i < len(s) && isLower(s[i]) {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != '-' {
		return false
	}
	d := s[i+1:]
	return (len(d) == 1 || len(d) == 2) && isDigit(d[0]) && isDigit(d[len(d)-1])
}

// nameClass is [A-Za-z0-9_-], the characters of SNS topic, SQS queue and Lambda function names.
func nameClass() *charClass { return classOf("A-Z", "a-z", "0-9", "_-") }

// validSNSName implements ^[A-Za-z0-9_-]{1,256}(\.fifo)?$.
func validSNSName(s string) bool {
	c := nameClass()
	if c.all(s, 256) {
		return true
	}
	return len(s) > 5 && s[len(s)-5:] == ".fifo" && c.all(s[:len(s)-5], 256)
}

// validSQSName implements ^[A-Za-z0-9_-]{1,80}$ (the .fifo suffix is handled by the caller).
func validSQSName(s string) bool { return nameClass().all(s, 80) }

// validLambdaName implements ^[A-Za-z0-9_-]{1,64}$.
func validLambdaName(s string) bool { return nameClass().all(s, 64) }

// validStreamName implements ^[A-Za-z0-9_.-]{1,128}$.
func validStreamName(s string) bool { return classOf("A-Z", "a-z", "0-9", "_.-").all(s, 128) }

// validBucketName implements ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$.
func validBucketName(s string) bool {
	if len(s) < 3 || len(s) > 63 {
		return false
	}
	end := classOf("a-z", "0-9")
	return end[s[0]] && end[s[len(s)-1]] && classOf("a-z", "0-9", ".-").all(s[1:len(s)-1], 61)
}

package bus

// Hand-written checks for the names the kernel validates (account ids, regions, sink resource names).
// They replace regular expressions so that nothing is compiled when the package loads; each comment
// gives the pattern it implements.

// allOf reports whether 1 ≤ len(s) ≤ max and ok(c) holds for every byte c of s.
func allOf(s string, max int, ok func(c byte) bool) bool {
	if len(s) < 1 || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isAlnum(c byte) bool { return isDigit(c) || isLower(c) || c >= 'A' && c <= 'Z' }

// isNameByte is [A-Za-z0-9_-], the characters of SNS topic, SQS queue and Lambda function names.
func isNameByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// validAccount implements ^[0-9]{12}$.
func validAccount(s string) bool { return len(s) == 12 && allOf(s, 12, isDigit) }

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

// validSNSName implements ^[A-Za-z0-9_-]{1,256}(\.fifo)?$.
func validSNSName(s string) bool {
	return allOf(s, 256, isNameByte) || len(s) > 5 && s[len(s)-5:] == ".fifo" && allOf(s[:len(s)-5], 256, isNameByte)
}

// validSQSName implements ^[A-Za-z0-9_-]{1,80}$ (the .fifo suffix is handled by the caller).
func validSQSName(s string) bool { return allOf(s, 80, isNameByte) }

// validLambdaName implements ^[A-Za-z0-9_-]{1,64}$.
func validLambdaName(s string) bool { return allOf(s, 64, isNameByte) }

// validStreamName implements ^[A-Za-z0-9_.-]{1,128}$.
func validStreamName(s string) bool {
	return allOf(s, 128, func(c byte) bool { return isNameByte(c) || c == '.' })
}

// validBucketName implements ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$.
func validBucketName(s string) bool {
	end := func(c byte) bool { return isLower(c) || isDigit(c) }
	mid := func(c byte) bool { return end(c) || c == '.' || c == '-' }
	return len(s) >= 3 && len(s) <= 63 && end(s[0]) && end(s[len(s)-1]) && allOf(s[1:len(s)-1], 61, mid)
}

package eventpattern

import (
	"bytes"
	"net/netip"
	"strconv"
	"strings"
)

// ipRange is an inclusive range of IPv4 (4-byte) or IPv6 (16-byte) addresses.
type ipRange struct {
	v4     bool
	lo, hi [16]byte
}

func (r *ipRange) contains(a [16]byte, v4 bool) bool {
	if v4 != r.v4 {
		return false
	}
	return bytes.Compare(a[:], r.lo[:]) >= 0 && bytes.Compare(a[:], r.hi[:]) <= 0
}

// looksLikeIP applies event-ruler's syntactic test: four dot-separated decimal runs (IPv4), or only
// hex digits and colons with at least one colon (IPv6). Only such strings are treated as addresses.
func looksLikeIP[T string | []byte](s T) (v4, ok bool) {
	if len(s) == 0 {
		return false, false
	}
	dots, colons, digitsRun := 0, 0, 0
	decimal, hex := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digitsRun++
		case c == '.':
			hex = false
			if digitsRun == 0 {
				decimal = false
			}
			dots++
			digitsRun = 0
		case c == ':':
			decimal = false
			colons++
		case c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F':
			decimal = false
		default:
			return false, false
		}
	}
	if decimal && dots == 3 && digitsRun > 0 {
		return true, true
	}
	if hex && colons > 0 {
		return false, true
	}
	return false, false
}

// parseIP parses a string that looksLikeIP into its address bytes. IPv4 parts are decimal and may
// carry leading zeros (as Java's InetAddress reads them); IPv4-mapped IPv6 addresses are IPv4.
func parseIP[T string | []byte](s T) (addr [16]byte, v4 bool, ok bool) {
	isV4, looks := looksLikeIP(s)
	if !looks {
		return addr, false, false
	}
	if isV4 {
		part, n := 0, 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == '.' {
				if part > 255 || n > 3 {
					return addr, false, false
				}
				addr[n] = byte(part)
				n++
				part = 0
				continue
			}
			part = part*10 + int(s[i]-'0')
			if part > 255 {
				return addr, false, false
			}
		}
		return addr, true, true
	}
	a, err := netip.ParseAddr(string(s))
	if err != nil {
		return addr, false, false
	}
	if a.Is4In6() {
		b := a.Unmap().As4()
		copy(addr[:], b[:])
		return addr, true, true
	}
	return a.As16(), false, true
}

// parseCIDR compiles a cidr operand with event-ruler's checks and messages. Host bits in the base
// address are ignored ("220.160.153.171/31" covers .170 and .171), as event-ruler does since v1.2.
func parseCIDR(s string) (*ipRange, error) {
	parts := strings.Split(s, "/")
	for len(parts) > 0 && parts[len(parts)-1] == "" { // Java's String.split drops trailing empties
		parts = parts[:len(parts)-1]
	}
	if len(parts) != 2 {
		return nil, fail("Malformed CIDR, one '/' required")
	}
	bits, err := parseJavaInt(parts[1])
	if err != nil {
		return nil, fail("Malformed CIDR, mask bits must be an integer")
	}
	if bits < 0 {
		return nil, fail("Malformed CIDR, mask bits must not be negative")
	}
	addr, v4, ok := parseIP(parts[0])
	if !ok {
		if _, looks := looksLikeIP(parts[0]); looks {
			return nil, fail("Invalid IP address: " + parts[0])
		}
		return nil, fail("Nonstandard IP address: " + parts[0])
	}
	width := 128
	if v4 {
		width = 32
		if bits > 32 {
			return nil, fail("IPv4 mask bits must be <= 32")
		}
	} else if bits > 128 {
		return nil, fail("IPv6 mask bits must be <= 128")
	}
	r := &ipRange{v4: v4}
	nbytes := width / 8
	for i := 0; i < nbytes; i++ {
		keep := bits - 8*i // bits of this byte that belong to the network
		var mask byte
		switch {
		case keep >= 8:
			mask = 0xff
		case keep <= 0:
			mask = 0
		default:
			mask = byte(0xff << (8 - keep))
		}
		r.lo[i] = addr[i] & mask
		r.hi[i] = addr[i] | ^mask
	}
	return r, nil
}

// parseJavaInt parses like Java's Integer.parseInt: an optional sign and decimal digits.
func parseJavaInt(s string) (int, error) {
	if s == "" || s == "+" || s == "-" {
		return 0, strconv.ErrSyntax
	}
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err
}

// singleIP returns the one-address range of an IP literal, or nil if s is not one.
func singleIP(s string) *ipRange {
	addr, v4, ok := parseIP(s)
	if !ok {
		return nil
	}
	return &ipRange{v4: v4, lo: addr, hi: addr}
}

package insights

import (
	"net/netip"
	"strings"
)

// ipFunc returns the IP address function named lower, or nil (the IP address string functions
// of https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
// Addresses are read in the textual forms Go's net/netip accepts without zones ([derived]:
// AWS does not say which spellings it accepts).
func ipFunc(lower string) *funcSpec {
	switch lower {
	case "isvalidip":
		return fn("isValidIp", 1, 1, ipPred(func(a netip.Addr) bool { return true }))
	case "isvalidipv4":
		return fn("isValidIpV4", 1, 1, ipPred(func(a netip.Addr) bool { return a.Is4() }))
	case "isvalidipv6":
		return fn("isValidIpV6", 1, 1, ipPred(func(a netip.Addr) bool { return a.Is6() }))
	case "isipinsubnet":
		return fn("isIpInSubnet", 2, 2, inSubnet(func(netip.Addr) bool { return true }))
	case "isipv4insubnet":
		return fn("isIpv4InSubnet", 2, 2, inSubnet(netip.Addr.Is4))
	case "isipv6insubnet":
		return fn("isIpv6InSubnet", 2, 2, inSubnet(netip.Addr.Is6))
	case "isprivateip":
		// RFC 1918 for IPv4 as the documentation says; unique local fc00::/7 for IPv6 ([derived])
		return fn("isPrivateIP", 1, 1, ipPred(netip.Addr.IsPrivate))
	case "ipv4tonumber":
		return fn("ipv4ToNumber", 1, 1, func(c *runCtx, r *record, e *call) value {
			a, ok := parseIP(e.args[0].eval(c, r))
			if !ok || !a.Is4() {
				return null()
			}
			b := a.As4()
			return num(float64(uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])))
		})
	}
	return nil
}

func parseIP(v value) (netip.Addr, bool) {
	s, ok := v.text()
	if !ok || strings.Contains(s, "%") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	return a, err == nil
}

func ipPred(pred func(netip.Addr) bool) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		a, ok := parseIP(e.args[0].eval(c, r))
		return boolVal(ok && pred(a))
	}
}

func inSubnet(family func(netip.Addr) bool) func(c *runCtx, r *record, e *call) value {
	return func(c *runCtx, r *record, e *call) value {
		a, ok := parseIP(e.args[0].eval(c, r))
		if !ok || !family(a) {
			return boolVal(false)
		}
		s, ok := e.args[1].eval(c, r).text()
		if !ok {
			return boolVal(false)
		}
		p, err := netip.ParsePrefix(s)
		if err != nil || !family(p.Addr()) {
			return boolVal(false)
		}
		return boolVal(p.Contains(a))
	}
}

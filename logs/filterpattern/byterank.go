package filterpattern

// byteRank estimates how common each byte is in log text, from 0 (almost never seen: control
// bytes, bytes that cannot occur in UTF-8) to 255 (the space). The term search (substring)
// scans for the term's lowest-ranked byte. The figures are an ordering, not measured
// frequencies: English letter frequency, raised for what logs are full of — digits (timestamps,
// ids, latencies), the hexadecimal letters a–f (request and trace ids), JSON and URL punctuation,
// the capitals of log levels and HTTP (INFO, DEBUG, WARN, GET, POST, HTTP) — and lowered for
// bytes logs rarely hold. The table is static data (an array literal: nothing runs at init).
var byteRank = [256]uint8{
	' ': 255, '\t': 60, '\n': 20, '\r': 20,

	'0': 250, '1': 245, '2': 240, '3': 228, '4': 226, '5': 226, '6': 224, '7': 222, '8': 222, '9': 222,

	'e': 235, 't': 220, 'a': 215, 's': 212, 'o': 210, 'r': 208, 'i': 206, 'n': 205,
	'c': 192, 'l': 188, 'd': 186, 'u': 180, 'p': 178, 'm': 175, 'h': 170, 'f': 168,
	'b': 160, 'g': 150, 'y': 130, 'w': 125, 'v': 110, 'k': 105, 'x': 100,
	'j': 55, 'q': 50, 'z': 45,

	'T': 130, 'E': 125, 'I': 120, 'O': 120, 'N': 120, 'S': 115, 'P': 115, 'A': 110,
	'R': 110, 'H': 110, 'F': 105, 'D': 105, 'G': 100, 'C': 100, 'U': 95, 'L': 95,
	'M': 90, 'W': 85, 'B': 85, 'V': 70, 'Y': 70, 'K': 65, 'X': 60,
	'J': 45, 'Q': 40, 'Z': 40,

	'"': 200, ':': 200, '-': 195, '.': 195, ',': 185, '/': 180, '=': 170, '_': 150,
	'[': 100, ']': 100, '{': 90, '}': 90, '(': 80, ')': 80, '\'': 70, '+': 70,
	';': 60, '@': 60, '&': 60, '?': 60, '%': 55, '#': 50, '*': 50, '\\': 50,
	'<': 40, '>': 40, '!': 40, '$': 40, '|': 40, '~': 20, '^': 15, '`': 15,

	// UTF-8: continuation bytes, then lead bytes of 2-, 3- and 4-byte sequences.
	0x80: 35, 0x81: 35, 0x82: 35, 0x83: 35, 0x84: 35, 0x85: 35, 0x86: 35, 0x87: 35,
	0x88: 35, 0x89: 35, 0x8a: 35, 0x8b: 35, 0x8c: 35, 0x8d: 35, 0x8e: 35, 0x8f: 35,
	0x90: 35, 0x91: 35, 0x92: 35, 0x93: 35, 0x94: 35, 0x95: 35, 0x96: 35, 0x97: 35,
	0x98: 35, 0x99: 35, 0x9a: 35, 0x9b: 35, 0x9c: 35, 0x9d: 35, 0x9e: 35, 0x9f: 35,
	0xa0: 35, 0xa1: 35, 0xa2: 35, 0xa3: 35, 0xa4: 35, 0xa5: 35, 0xa6: 35, 0xa7: 35,
	0xa8: 35, 0xa9: 35, 0xaa: 35, 0xab: 35, 0xac: 35, 0xad: 35, 0xae: 35, 0xaf: 35,
	0xb0: 35, 0xb1: 35, 0xb2: 35, 0xb3: 35, 0xb4: 35, 0xb5: 35, 0xb6: 35, 0xb7: 35,
	0xb8: 35, 0xb9: 35, 0xba: 35, 0xbb: 35, 0xbc: 35, 0xbd: 35, 0xbe: 35, 0xbf: 35,
	0xc2: 30, 0xc3: 30, 0xc4: 30, 0xc5: 30, 0xc6: 30, 0xc7: 30, 0xc8: 30, 0xc9: 30,
	0xca: 30, 0xcb: 30, 0xcc: 30, 0xcd: 30, 0xce: 30, 0xcf: 30, 0xd0: 30, 0xd1: 30,
	0xd2: 30, 0xd3: 30, 0xd4: 30, 0xd5: 30, 0xd6: 30, 0xd7: 30, 0xd8: 30, 0xd9: 30,
	0xda: 30, 0xdb: 30, 0xdc: 30, 0xdd: 30, 0xde: 30, 0xdf: 30,
	0xe0: 30, 0xe1: 30, 0xe2: 30, 0xe3: 30, 0xe4: 30, 0xe5: 30, 0xe6: 30, 0xe7: 30,
	0xe8: 30, 0xe9: 30, 0xea: 30, 0xeb: 30, 0xec: 30, 0xed: 30, 0xee: 30, 0xef: 30,
	0xf0: 20, 0xf1: 20, 0xf2: 20, 0xf3: 20, 0xf4: 20,
}

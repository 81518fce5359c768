package config

import "encoding/json"

// The plain forms of what recording does (docstore.go's encoder and states), for tests that build
// states by hand.

// encodeConfiguration returns the JSON of a published configuration.
func encodeConfiguration(conf any) []byte {
	switch c := conf.(type) {
	case nil:
		return []byte("{}")
	case json.RawMessage:
		return append([]byte(nil), c...)
	case []byte:
		return append([]byte(nil), c...)
	}
	raw, err := json.Marshal(conf)
	if err != nil {
		return []byte("{}")
	}
	return raw
}

// newDocState is a current state of type typ holding conf's JSON.
func newDocState(typ string, conf any) *docState {
	return &docState{typ: typ, src: encodeConfiguration(conf)}
}

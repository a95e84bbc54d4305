//go:build tools

// Package tools pins Toxiproxy, the TCP latency proxy of the WAN-latency run (scripts/multihost/wan-latency.sh).
package tools

import _ "github.com/Shopify/toxiproxy/v2/cmd/server"

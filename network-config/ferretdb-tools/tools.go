//go:build tools

// Package tools pins FerretDB, the MongoDB-compatible server (SQLite backend) the project runs by default.
package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"

//go:build tools

// Package tools pins FerretDB, the MongoDB-compatible server the project runs by default (PostgreSQL backend).
package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"

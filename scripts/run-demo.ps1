# Windows: sets up (first time only) and starts 综治工作台 on a demo town database in .\demo\.
# Needs Python 3.11+ from python.org on PATH (py launcher). Demo password for every account: demo2026.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -e ".[dev]"
$db = if ($env:TOWNCENTRE_DB) { $env:TOWNCENTRE_DB } else { "demo\towncentre.db" }
if (-not (Test-Path $db)) { .venv\Scripts\towncentre.exe demo --db $db --events 2000 }
.venv\Scripts\towncentre.exe --db $db @args

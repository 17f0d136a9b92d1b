# Windows: sets up (first time only) and runs the test suite (offscreen Qt, no window appears).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -e ".[dev]"
$env:QT_QPA_PLATFORM = "offscreen"
$workers = if ($env:TEST_WORKERS) { $env:TEST_WORKERS } else { "auto" }
if ($workers -eq "0") { .venv\Scripts\python.exe -m pytest @args }
else { .venv\Scripts\python.exe -m pytest -n $workers --dist loadgroup @args }
exit $LASTEXITCODE

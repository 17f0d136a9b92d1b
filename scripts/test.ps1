# Windows: sets up (first time only) and runs the test suite (offscreen Qt, no window appears).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -e ".[dev]"
$env:QT_QPA_PLATFORM = "offscreen"
# Child processes' output (the CLI, pdftotext) is read as UTF-8, not in the PC's code page (cp936).
$env:PYTHONUTF8 = "1"
if (-not (Get-Command pdftotext -ErrorAction SilentlyContinue)) {
    Write-Host "pdftotext/pdffonts (poppler) are not on PATH: the tests that read printed PDFs back are skipped."
}
$workers = if ($env:TEST_WORKERS) { $env:TEST_WORKERS } else { "auto" }
if ($workers -eq "0") { .venv\Scripts\python.exe -m pytest @args }
else { .venv\Scripts\python.exe -m pytest -n $workers --dist loadgroup @args }
exit $LASTEXITCODE

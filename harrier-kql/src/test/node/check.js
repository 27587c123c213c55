'use strict';
// Parses and analyses KQL queries with the Kusto language service (@kusto/language-service-next).
// Input on stdin: {"tables": {"Name": {"Column": "type", ...}, ...}, "queries": [{"id": "...",
// "query": "...", "syntaxOnly": false}, ...]}. A query with syntaxOnly set is parsed without
// semantic analysis (bare predicates, which name no table). Output on stdout: one JSON array with {"id", "diagnostics": [{"severity",
// "code", "start", "length", "message"}]} per query, in input order.
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');

const K = Kusto.Language;
const S = K.Symbols;

function readStdin() {
  return require('fs').readFileSync(0, 'utf8');
}

function quoteColumn(name) {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "['" + name.replace(/'/g, "\\'") + "']";
}

function buildGlobals(tables) {
  const symbols = [];
  for (const [table, columns] of Object.entries(tables)) {
    const schema = Object.entries(columns)
      .map(([column, type]) => quoteColumn(column) + ':' + type)
      .join(', ');
    symbols.push(new S.TableSymbol.$ctor7(table, '(' + schema + ')', ''));
  }
  const database = new S.DatabaseSymbol.$ctor2('db', null, symbols);
  return K.GlobalState.Default.WithDatabase(database);
}

function analyse(globals, query, syntaxOnly) {
  const code = syntaxOnly ? K.KustoCode.Parse(query) : K.KustoCode.ParseAndAnalyze(query, globals);
  const diagnostics = code.GetDiagnostics();
  const result = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    result.push({
      severity: String(d.Severity),
      code: String(d.Code),
      start: d.Start,
      length: d.Length,
      message: String(d.Message),
    });
  }
  return result;
}

const request = JSON.parse(readStdin());
const globals = buildGlobals(request.tables);
const results = request.queries.map((q) => ({ id: q.id, diagnostics: analyse(globals, q.query, q.syntaxOnly === true) }));
process.stdout.write(JSON.stringify(results));

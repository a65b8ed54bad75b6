// The rules that keep src/core pure (ARCHITECTURE.md "Layout"): the core imports only other
// core files, no `node:` module and no package, and touches no clock, randomness, process,
// timer or network. The check parses TypeScript with the compiler's own parser, so comments
// and strings that merely mention `Date` do not count, and type positions do.
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface CoreViolation {
  readonly file: string;
  readonly line: number;
  readonly rule: 'import-outside-core' | 'node-import' | 'package-import' | 'forbidden-global';
  readonly detail: string;
}

/** Globals that bring time, chance, the process or I/O into a computation. */
const FORBIDDEN_GLOBALS = new Set([
  'Date',
  'process',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'require',
  'performance',
  'crypto',
  'XMLHttpRequest',
  'WebSocket',
]);

/** Members of allowed globals that are still impure. */
const FORBIDDEN_MEMBERS = new Map([['Math', new Set(['random'])]]);

/**
 * Checks one source file that lives at `filePath` (absolute) against the core rules.
 * `coreRoot` is the absolute path of src/core; relative imports must stay inside it.
 */
export function findCoreViolations(
  filePath: string,
  sourceText: string,
  coreRoot: string,
): CoreViolation[] {
  const source = ts.createSourceFile(filePath, sourceText, ts.ScriptTarget.Latest, true);
  const violations: CoreViolation[] = [];
  const lineOf = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  const checkSpecifier = (specifier: string, node: ts.Node) => {
    const line = lineOf(node);
    if (specifier.startsWith('node:')) {
      violations.push({ file: filePath, line, rule: 'node-import', detail: specifier });
      return;
    }
    if (!specifier.startsWith('.')) {
      violations.push({ file: filePath, line, rule: 'package-import', detail: specifier });
      return;
    }
    const target = resolve(dirname(filePath), specifier);
    const fromRoot = relative(coreRoot, target);
    if (fromRoot.startsWith('..') || fromRoot.startsWith(sep) || fromRoot === '') {
      violations.push({ file: filePath, line, rule: 'import-outside-core', detail: specifier });
    }
  };

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      checkSpecifier(node.moduleSpecifier.text, node);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      checkSpecifier(node.arguments[0].text, node);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
        checkSpecifier(argument.literal.text, node);
      }
    } else if (ts.isIdentifier(node) && isGlobalReference(node)) {
      if (FORBIDDEN_GLOBALS.has(node.text)) {
        violations.push({
          file: filePath,
          line: lineOf(node),
          rule: 'forbidden-global',
          detail: node.text,
        });
      }
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const members = FORBIDDEN_MEMBERS.get(node.expression.text);
      if (members?.has(node.name.text)) {
        violations.push({
          file: filePath,
          line: lineOf(node),
          rule: 'forbidden-global',
          detail: `${node.expression.text}.${node.name.text}`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

/**
 * True when an identifier names something from the surrounding scope rather than a
 * property, a member or a declared name (`{ process: 1 }`, `x.fetch`, `interface A { Date: … }`
 * are fine; `Date.now()`, `new Date()`, `: Date` and `fetch(url)` are not).
 */
function isGlobalReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isEnumMember(parent) ||
      ts.isBindingElement(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isExportSpecifier(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  return true;
}

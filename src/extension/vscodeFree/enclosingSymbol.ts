// "Find Similar Code" without a selection uses the innermost function-like symbol around
// the cursor (from the language's document symbols), else the cursor line.

export interface SymbolNode {
  /** vscode.SymbolKind numbers: Method 5, Constructor 8, Function 11, Class 4, ... */
  kind: number;
  name: string;
  /** 0-based lines, inclusive. */
  startLine: number;
  endLine: number;
  children: SymbolNode[];
}

const FUNCTION_LIKE = new Set([5, 8, 11]); // Method, Constructor, Function
const CONTAINER_LIKE = new Set([4, 10, 22, 23]); // Class, Enum, Interface-ish, Struct

/** The innermost function-like symbol containing `line` (0-based), or a class when the cursor is outside any function. */
export function enclosingSymbol(symbols: readonly SymbolNode[], line: number): SymbolNode | undefined {
  let fn: SymbolNode | undefined;
  let container: SymbolNode | undefined;
  const visit = (nodes: readonly SymbolNode[]) => {
    for (const n of nodes) {
      if (line < n.startLine || line > n.endLine) continue;
      if (FUNCTION_LIKE.has(n.kind)) fn = n;
      else if (CONTAINER_LIKE.has(n.kind)) container = n;
      visit(n.children);
    }
  };
  visit(symbols);
  return fn ?? container;
}

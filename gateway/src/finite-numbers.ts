import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * A number literal beyond a double's range (`1e400`) parses to Infinity, which the query planner then
 * cannot print into the subgraph's operation: the request would fail as a server error. It is refused
 * here as the invalid document it is (GRAPHQL_VALIDATION_FAILED, HTTP 400). Variables need no rule: a
 * non-finite Float variable is already refused when it is coerced.
 */
export function FiniteNumberLiterals(context: ValidationContext): ASTVisitor {
  return {
    FloatValue(node) {
      if (!Number.isFinite(Number(node.value)))
        context.reportError(new GraphQLError(`The number ${node.value.slice(0, 40)} is out of range`, { nodes: node }));
    },
  };
}

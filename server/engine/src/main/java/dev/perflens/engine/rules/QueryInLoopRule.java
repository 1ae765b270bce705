package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionMethodReference;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.VariableDeclaration;

/**
 * A database query issued once per pass of a loop (or per element of a stream) is the N+1
 * problem: n round trips where one query (an IN list, a join, a batch) would do. The rule
 * recognises JDBC statements, JPA's EntityManager and queries, and Spring Data repositories,
 * all by resolved types, and stays silent for loops that cannot repeat the query
 * (polling loops, retries that stop after the query, loops over a few constants).
 */
@PerfRule(
        id = "query-in-loop",
        summary = "A database query (JDBC, JPA, Spring Data repository) issued on every pass of a loop: the N+1 query problem",
        severity = Severity.WARNING,
        category = Category.DATA_ACCESS,
        complexityBefore = "O(n) queries",
        complexityAfter = "O(1) queries")
public final class QueryInLoopRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> JDBC_EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> JDBC_PREPARE = Set.of("prepareStatement", "prepareCall");
    private static final List<String> ENTITY_MANAGERS = List.of("jakarta.persistence.EntityManager",
            "javax.persistence.EntityManager");
    private static final List<String> JPA_QUERIES = List.of("jakarta.persistence.Query", "javax.persistence.Query");
    private static final Set<String> ENTITY_MANAGER_LOADS = Set.of("find", "getReference");
    private static final Set<String> ENTITY_MANAGER_CREATES = Set.of("createQuery", "createNamedQuery", "createNativeQuery");
    private static final Set<String> QUERY_EXECUTIONS = Set.of("getResultList", "getSingleResult", "getResultStream",
            "getSingleResultOrNull", "executeUpdate");
    private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";
    /** Spring Data's prefixes of reading query methods ("Defining Query Methods" in its reference documentation). */
    private static final List<String> REPOSITORY_READ_PREFIXES = List.of("find", "get", "exists", "count", "read",
            "query", "search", "stream");

    /** What kind of query a call issues, and the advice that fits it. */
    private record Query(String what, String advice, String resolvedTo) {
    }

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(ExpressionMethodReference.class, this::matchMethodReference);
    }

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        Expression receiver = node.getExpression();
        ITypeBinding receiverType = receiver != null ? receiver.resolveTypeBinding() : binding.getDeclaringClass();
        ASTNode loop = Repetition.enclosing(node);
        if (loop == null) {
            return;
        }
        Query query = classify(binding, receiverType, receiver, loop, context);
        if (query == null || !Repetition.repeats(node, loop) || pages(node, binding, loop) || stopsOnItsResult(node, loop)
                || preparedOnce(node, loop) || inTheDatabaseProcess(node, binding)
                || dev.perflens.engine.context.TimingLoops.reason(loop, context.compilationUnit()) != null) {
            return;
        }
        if (reportedLoops.get(context) != null && reportedLoops.get(context).contains(loop)) {
            return; // one finding per loop: the first query call stands for the others
        }
        reportedLoops.computeIfAbsent(context, c -> new java.util.HashSet<>()).add(loop);
        String call = (receiver != null ? receiver + "." : "") + node.getName().getIdentifier() + "(...)";
        Expression sql = node.arguments().isEmpty() ? null : (Expression) node.arguments().get(0);
        if (sql != null && Bindings.is(sql.resolveTypeBinding(), "java.lang.String")
                && (Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.sql.Statement")
                    || Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.sql.Connection"))
                && !Bindings.isLoopInvariant(sql, loop)) {
            String value = concatenatedValue(sql);
            if (value != null) {
                // "... where id = " + id: the same query each pass, with the value pasted into its text
                context.reportWithoutFix(node, "'" + call + "' " + query.what() + " on every " + Repetition.describe(loop)
                        + ": n passes make n database round trips (the N+1 query problem), the same query each time with '"
                        + value + "' pasted into its text. Fetch the rows for all passes with one query (an IN list or a join)"
                        + " before the loop, or at least bind the value as a parameter of one PreparedStatement, which also"
                        + " closes the SQL injection this concatenation opens.",
                        Confidence.high("call resolved to " + query.resolvedTo()), null);
                return;
            }
            boolean returnsRows = binding.getName().equals("executeQuery");
            String message = "'" + call + "' sends a different " + (returnsRows ? "query" : "statement")
                    + " to the database on every " + Repetition.describe(loop) + " ('" + sql + "' is built in the loop):"
                    + " a script, not the N+1 query problem, and there is no single query to fold them into."
                    + (returnsRows ? " Each returns its own rows, so they cannot be batched; n queries are n round trips,"
                    + " which one query over the catalog or a UNION ALL of them can sometimes replace."
                    : " Sending them together (addBatch, then executeBatch) saves round trips where the driver batches statements.");
            context.reportWithoutFix(node, message, Confidence.high("call resolved to " + query.resolvedTo()), null)
                    .quieter(dev.perflens.engine.Severity.HINT, "each pass runs a different statement, so this is at"
                            + " most " + (returnsRows ? "a chance to combine queries" : "a batching opportunity"));
            return;
        }
        report(node, call, query, loop, context);
    }

    /** Java code that an embedded database runs inside itself, handing it a connection to its own session. */
    private static final List<String> IN_PROCESS_CALLBACKS = List.of("org.h2.api.Trigger", "org.h2.api.Aggregate",
            "org.hsqldb.Trigger", "org.hsqldb.trigger.Trigger");

    /**
     * JDBC inside a trigger or aggregate of an embedded database (H2, HSQLDB), or on the
     * {@code jdbc:default:connection} of a Java stored procedure: the statements run in the
     * database's own process, with no round trip for a batch or a join to save.
     */
    private static boolean inTheDatabaseProcess(MethodInvocation node, IMethodBinding binding) {
        if (!Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.sql.Statement")
                && !Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.sql.Connection")) {
            return false;
        }
        for (ASTNode n = node.getParent(); n != null; n = n.getParent()) {
            ITypeBinding type = n instanceof org.eclipse.jdt.core.dom.AbstractTypeDeclaration declaration
                    ? declaration.resolveBinding()
                    : n instanceof org.eclipse.jdt.core.dom.AnonymousClassDeclaration anonymous ? anonymous.resolveBinding() : null;
            if (type != null && IN_PROCESS_CALLBACKS.stream().anyMatch(callback -> Bindings.isSubtypeOf(type, callback))) {
                return true;
            }
            if (n instanceof org.eclipse.jdt.core.dom.BodyDeclaration body && !(n instanceof org.eclipse.jdt.core.dom.AbstractTypeDeclaration)) {
                boolean[] local = {false};
                body.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
                    @Override
                    public boolean visit(org.eclipse.jdt.core.dom.StringLiteral literal) {
                        local[0] |= literal.getLiteralValue().equals("jdbc:default:connection");
                        return false;
                    }
                });
                if (local[0]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern VALUE_POSITION = java.util.regex.Pattern.compile(
            "(?is).*(=|<>|<|>|\\bIN\\s*\\(|\\bLIKE|\\bVALUES\\s*\\(.*)\\s*'?$");
    private static final java.util.regex.Pattern DDL = java.util.regex.Pattern.compile(
            "(?is)\\s*(CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|COMMENT|RENAME|ANALYZE|VACUUM|SET|USE|CALL)\\b.*");

    /**
     * The first varying operand of {@code "select ... where id = " + id}, when it is pasted where
     * a value goes (after {@code =}, {@code IN (}, {@code LIKE}, inside {@code VALUES (...)}) and
     * the statement is not DDL; null for a statement that varies as a whole or by a name (a table,
     * a trigger), which is a script.
     */
    private static String concatenatedValue(Expression sql) {
        if (!(Bindings.unwrap(sql) instanceof org.eclipse.jdt.core.dom.InfixExpression concat)
                || concat.getOperator() != org.eclipse.jdt.core.dom.InfixExpression.Operator.PLUS) {
            return null;
        }
        List<Expression> operands = new java.util.ArrayList<>(List.of(concat.getLeftOperand(), concat.getRightOperand()));
        for (Object extended : concat.extendedOperands()) {
            operands.add((Expression) extended);
        }
        StringBuilder text = new StringBuilder();
        for (Expression operand : operands) {
            Object constant = operand.resolveConstantExpressionValue();
            if (constant instanceof String literal) {
                text.append(literal);
                continue;
            }
            if (text.length() == 0 || DDL.matcher(text).matches()) {
                return null;
            }
            return VALUE_POSITION.matcher(text).matches() ? operand.toString() : null;
        }
        return null;
    }

    /** The loops already reported in a file's pass (a rule instance serves many files, one at a time per context). */
    private final java.util.Map<RuleContext, java.util.Set<ASTNode>> reportedLoops =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private void matchMethodReference(ExpressionMethodReference node, RuleContext context) {
        IMethodBinding binding = node.resolveMethodBinding();
        ITypeBinding receiverType = node.getExpression().resolveTypeBinding();
        if (binding == null || receiverType == null || !Repetition.isPerElementArgument(node)
                || Repetition.overBatches(node)) {
            return;
        }
        Query query = classify(binding, receiverType, node.getExpression(), node, context);
        if (query != null && !isQueryExecution(binding)) {
            report(node, node.toString(), query, node, context);
        }
    }

    private static RuleContext.Reported report(ASTNode node, String call, Query query, ASTNode loop, RuleContext context) {
        String message = "'" + call + "' " + query.what() + " on every " + Repetition.describe(loop)
                + ": n passes make n database round trips (the N+1 query problem). " + query.advice();
        return context.reportWithoutFix(node, message, Confidence.high("call resolved to " + query.resolvedTo()), null);
    }

    private static Query classify(IMethodBinding binding, ITypeBinding receiverType, Expression receiver, ASTNode loop,
                                  RuleContext context) {
        String name = binding.getName();
        ITypeBinding owner = binding.getDeclaringClass();
        String resolved = owner.getErasure().getQualifiedName() + "." + name;
        if (JDBC_EXECUTE.contains(name) && Bindings.isSubtypeOf(owner, "java.sql.Statement")) {
            return new Query("sends a statement to the database",
                    "Fetch the rows for all passes with one query (an IN list or a join) before the loop, or batch"
                            + " the updates with addBatch/executeBatch.", resolved);
        }
        if (JDBC_PREPARE.contains(name) && Bindings.isSubtypeOf(owner, "java.sql.Connection")) {
            return new Query("prepares a statement (with most drivers a round trip to the database)",
                    "Prepare it once before the loop and only bind new parameters inside it.", resolved);
        }
        if (isEntityManager(owner)) {
            if (ENTITY_MANAGER_LOADS.contains(name)) {
                return new Query(name.equals("find") ? "loads an entity with its own query"
                        : "returns a lazy proxy that loads its entity with its own query on first access",
                        "Load all the entities with one query (WHERE e.id IN :ids, or a JOIN FETCH) before the loop.",
                        resolved);
            }
            if (ENTITY_MANAGER_CREATES.contains(name)) {
                return new Query("creates and runs a query",
                        "Run one query for all passes (an IN list or a join) before the loop.", resolved);
            }
            return null;
        }
        if (isQueryExecution(binding) && !createdInTheLoop(receiver, loop, context)) {
            return new Query("runs the query", "Run one query for all passes (an IN list or a join) before the loop.",
                    resolved);
        }
        if (isRepositoryRead(binding, receiverType)) {
            return new Query("runs a repository query",
                    "Load what the loop needs with one query before it (findAllById, or a query method taking a"
                            + " collection: findByIdIn).", receiverType.getErasure().getQualifiedName() + "." + name);
        }
        return null;
    }

    /**
     * A query that fetches one page per pass (a Spring Data Pageable argument, a JPA query given
     * setFirstResult in the loop): paging through a large result, not one query per element.
     */
    private static boolean pages(MethodInvocation node, IMethodBinding binding, ASTNode loop) {
        for (ITypeBinding parameter : binding.getMethodDeclaration().getParameterTypes()) {
            if (Bindings.isSubtypeOf(parameter, "org.springframework.data.domain.Pageable")) {
                return true;
            }
        }
        boolean[] paging = new boolean[1];
        loop.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                IMethodBinding callee = call.resolveMethodBinding();
                paging[0] |= callee != null && call.getName().getIdentifier().equals("setFirstResult")
                        && JPA_QUERIES.stream().anyMatch(name -> Bindings.isSubtypeOf(callee.getDeclaringClass(), name));
                return !paging[0];
            }
        });
        return paging[0];
    }

    /**
     * A loop that repeats the statement until its own result says there is nothing left
     * ({@code while (true) { n = purge.executeUpdate(); if (n == 0) break; }},
     * {@code while (purge.executeUpdate() > 0)}): a chunked delete or update that works through a
     * table one bounded batch at a time, not one query per element of the caller's data.
     */
    private static boolean stopsOnItsResult(MethodInvocation node, ASTNode loop) {
        Expression condition = loop instanceof org.eclipse.jdt.core.dom.WhileStatement w ? w.getExpression()
                : loop instanceof org.eclipse.jdt.core.dom.DoStatement d ? d.getExpression()
                : loop instanceof org.eclipse.jdt.core.dom.ForStatement f && f.updaters().isEmpty() ? f.getExpression()
                : null;
        if (!(loop instanceof org.eclipse.jdt.core.dom.WhileStatement || loop instanceof org.eclipse.jdt.core.dom.DoStatement
                || (loop instanceof org.eclipse.jdt.core.dom.ForStatement f && f.updaters().isEmpty()))) {
            return false;
        }
        if (condition != null && Loops.contains(condition, node)) {
            return true;
        }
        IVariableBinding result = null;
        if (node.getParent() instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment fragment) {
            result = fragment.resolveBinding();
        } else if (node.getParent() instanceof org.eclipse.jdt.core.dom.Assignment assignment
                && assignment.getRightHandSide() == node) {
            result = Bindings.variable(assignment.getLeftHandSide());
        }
        if (result == null) {
            return false;
        }
        IVariableBinding wanted = result.getVariableDeclaration();
        if (condition != null && !Bindings.referencesWithin(condition, wanted).isEmpty()) {
            return true;
        }
        if (condition != null && !(Bindings.unwrap(condition) instanceof org.eclipse.jdt.core.dom.BooleanLiteral literal
                && literal.booleanValue())) {
            return false; // the loop runs over something else (while (rows.next()) ...): its passes are that data's
        }
        boolean[] stops = {false};
        loop.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.IfStatement test) {
                org.eclipse.jdt.core.dom.Statement then = test.getThenStatement();
                if (then instanceof org.eclipse.jdt.core.dom.Block block && block.statements().size() == 1) {
                    then = (org.eclipse.jdt.core.dom.Statement) block.statements().get(0);
                }
                if ((then instanceof org.eclipse.jdt.core.dom.BreakStatement || then instanceof org.eclipse.jdt.core.dom.ReturnStatement)
                        && !Bindings.referencesWithin(test.getExpression(), wanted).isEmpty()) {
                    stops[0] = true;
                }
                return !stops[0];
            }
        });
        return stops[0];
    }

    /**
     * {@code if (ps == null) ps = connection.prepareStatement(sql);} in the loop, with {@code ps}
     * declared before it: prepared on the first pass only (its executions are still checked).
     */
    private static boolean preparedOnce(MethodInvocation node, ASTNode loop) {
        if (!JDBC_PREPARE.contains(node.getName().getIdentifier())
                || !(node.getParent() instanceof org.eclipse.jdt.core.dom.Assignment assignment)
                || assignment.getRightHandSide() != node) {
            return false;
        }
        IVariableBinding target = Bindings.variable(assignment.getLeftHandSide());
        if (target == null || (!target.isField() && node.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit
                && Loops.contains(loop, unit.findDeclaringNode(target.getVariableDeclaration())))) {
            return false;
        }
        for (ASTNode n = assignment.getParent(); n != null && n != loop; n = n.getParent()) {
            if (n instanceof org.eclipse.jdt.core.dom.IfStatement branch
                    && Bindings.unwrap(branch.getExpression()) instanceof org.eclipse.jdt.core.dom.InfixExpression test
                    && test.getOperator() == org.eclipse.jdt.core.dom.InfixExpression.Operator.EQUALS
                    && Loops.contains(branch.getThenStatement(), assignment)) {
                IVariableBinding tested = test.getRightOperand() instanceof org.eclipse.jdt.core.dom.NullLiteral
                        ? Bindings.variable(test.getLeftOperand()) : Bindings.variable(test.getRightOperand());
                if (tested != null && tested.getVariableDeclaration().isEqualTo(target.getVariableDeclaration())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEntityManager(ITypeBinding type) {
        return ENTITY_MANAGERS.stream().anyMatch(name -> Bindings.isSubtypeOf(type, name));
    }

    private static boolean isQueryExecution(IMethodBinding binding) {
        return QUERY_EXECUTIONS.contains(binding.getName())
                && JPA_QUERIES.stream().anyMatch(name -> Bindings.isSubtypeOf(binding.getDeclaringClass(), name));
    }

    /**
     * A JPA query whose creation (em.createQuery) is itself in the loop: that call is reported,
     * so its execution is not reported a second time.
     */
    private static boolean createdInTheLoop(Expression receiver, ASTNode loop, RuleContext context) {
        Expression root = receiver;
        while (root != null && Bindings.unwrap(root) instanceof MethodInvocation call && call.resolveMethodBinding() != null
                && JPA_QUERIES.stream().anyMatch(name -> Bindings.isSubtypeOf(call.resolveMethodBinding().getDeclaringClass(), name))) {
            root = call.getExpression();
        }
        if (root == null) {
            return false;
        }
        root = Bindings.unwrap(root);
        if (root instanceof MethodInvocation call && call.resolveMethodBinding() != null
                && isEntityManager(call.resolveMethodBinding().getDeclaringClass())
                && ENTITY_MANAGER_CREATES.contains(call.getName().getIdentifier())) {
            return Loops.contains(loop, call);
        }
        IVariableBinding variable = Bindings.variable(root);
        if (variable == null || variable.isField()) {
            return false;
        }
        ASTNode declaration = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
        return declaration instanceof VariableDeclaration local && Loops.contains(loop, local)
                && local.getInitializer() != null && createdInTheLoop(local.getInitializer(), loop, context);
    }

    /**
     * A reading query method of a Spring Data repository: the receiver is a Repository, and the
     * method is declared by a Repository type (not Object's getClass/hashCode, not a custom
     * fragment whose implementation may not query).
     */
    private static boolean isRepositoryRead(IMethodBinding binding, ITypeBinding receiverType) {
        if (!Bindings.isSubtypeOf(receiverType, SPRING_DATA_REPOSITORY)
                || !Bindings.isSubtypeOf(binding.getDeclaringClass(), SPRING_DATA_REPOSITORY)) {
            return false;
        }
        String name = binding.getName();
        return REPOSITORY_READ_PREFIXES.stream().anyMatch(prefix -> name.startsWith(prefix)
                && (name.length() == prefix.length() || Character.isUpperCase(name.charAt(prefix.length()))));
    }
}

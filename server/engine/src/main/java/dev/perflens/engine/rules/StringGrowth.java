package dev.perflens.engine.rules;

import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.SuperFieldAccess;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * Whether an assignment grows a String across the passes of a loop: which form it has
 * (appending or prepending), the loop whose passes it accumulates over, and the shapes where
 * the string cannot outgrow one pass (reset at the top of the pass, a field of an object made
 * in the pass, a growth followed by an exit from the loop).
 */
final class StringGrowth {
    enum Form { APPEND, PREPEND }

    private StringGrowth() {
    }

    /** APPEND for {@code s += x} and {@code s = s + x}; PREPEND for {@code s = x + s} (s a later operand); else null. */
    static Form formOf(Assignment node) {
        if (node.getOperator() == Assignment.Operator.PLUS_ASSIGN) {
            return Form.APPEND;
        }
        if (node.getOperator() != Assignment.Operator.ASSIGN
                || !(Bindings.unwrap(node.getRightHandSide()) instanceof InfixExpression infix)
                || infix.getOperator() != InfixExpression.Operator.PLUS) {
            return null;
        }
        Expression target = node.getLeftHandSide();
        if (sameTarget(infix.getLeftOperand(), target)) {
            return Form.APPEND;
        }
        List<?> extended = infix.extendedOperands();
        Expression last = extended.isEmpty() ? infix.getRightOperand() : (Expression) extended.get(extended.size() - 1);
        return sameTarget(last, target) ? Form.PREPEND : null;
    }

    /**
     * The same storage: the same variable and, for an instance field, the same object
     * ({@code a.name = b.name + x} does not grow {@code a.name} from itself).
     */
    static boolean sameTarget(Expression a, Expression b) {
        IVariableBinding first = Bindings.variable(a);
        IVariableBinding second = Bindings.variable(b);
        if (first == null || second == null || !first.getVariableDeclaration().isEqualTo(second.getVariableDeclaration())) {
            return false;
        }
        if (!first.isField() || Modifier.isStatic(first.getModifiers())) {
            return true;
        }
        Expression qualifierA = qualifier(Bindings.unwrap(a));
        Expression qualifierB = qualifier(Bindings.unwrap(b));
        if (qualifierA == null || qualifierB == null) {
            return qualifierA == qualifierB;
        }
        return sameTarget(qualifierA, qualifierB);
    }

    /** The object a field is read from; null for this (written or implicit). */
    private static Expression qualifier(Expression fieldReference) {
        Expression qualifier = null;
        if (fieldReference instanceof QualifiedName name) {
            qualifier = name.getQualifier();
        } else if (fieldReference instanceof FieldAccess access) {
            qualifier = access.getExpression();
        } else if (fieldReference instanceof SuperFieldAccess) {
            return null;
        }
        return qualifier == null || Bindings.unwrap(qualifier) instanceof ThisExpression ? null : qualifier;
    }

    /**
     * The innermost loop over whose passes the growth accumulates: loops that the code
     * certainly leaves right after the growth (break, return, throw) run it at most once, so
     * the search goes on outward; a loop that declares the variable starts it afresh.
     */
    static Optional<ASTNode> accumulatingLoop(Assignment growth, ASTNode declaration) {
        for (Optional<ASTNode> loop = Loops.enclosingLoop(growth); loop.isPresent(); loop = Loops.enclosingLoop(loop.get())) {
            if (declaration != null && Loops.contains(loop.get(), declaration)) {
                return Optional.empty();
            }
            if (!LoopExits.leavesLoopAfter(growth, loop.get())) {
                return loop;
            }
        }
        return Optional.empty();
    }

    /**
     * The pass starts the string over: an unconditional {@code s = <loop-invariant value>;}
     * among the loop body's statements before the one holding the growth, so the string never
     * carries text from one pass into the next.
     */
    static boolean resetEarlierInPass(Assignment growth, ASTNode loop) {
        if (!(body(loop) instanceof Block block)) {
            return false;
        }
        ASTNode statement = growth;
        while (statement != null && statement.getParent() != block) {
            statement = statement.getParent();
        }
        if (statement == null) {
            return false;
        }
        for (Object earlier : block.statements().subList(0, block.statements().indexOf(statement))) {
            if (earlier instanceof ExpressionStatement expression && expression.getExpression() instanceof Assignment reset
                    && reset.getOperator() == Assignment.Operator.ASSIGN
                    && sameTarget(reset.getLeftHandSide(), growth.getLeftHandSide())
                    && Bindings.isLoopInvariant(reset.getRightHandSide(), loop)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field of an object created or looked up in this pass ({@code Item it = new Item(); it.name += x;},
     * {@code Table t = tables.get(name); t.ddl += x;} with name set per pass): the string belongs to that object, and the
     * passes spread their growth over many objects.
     */
    static boolean fieldOfObjectMadeInPass(Expression target, ASTNode loop) {
        Expression qualifier = qualifier(Bindings.unwrap(target));
        // through fields of fields (t.stmts.text += x): the object is the one the chain starts from
        while (qualifier != null && Bindings.variable(qualifier) != null && Bindings.variable(qualifier).isField()
                && qualifier(Bindings.unwrap(qualifier)) != null) {
            qualifier = qualifier(Bindings.unwrap(qualifier));
        }
        IVariableBinding owner = qualifier == null ? null : Bindings.variable(qualifier);
        if (owner == null || owner.isField() || !(qualifier.getRoot() instanceof CompilationUnit unit)) {
            return false;
        }
        // created in the pass, or looked up afresh in it (Table t = tables.get(name)): one string per object
        ASTNode declaration = unit.findDeclaringNode(owner.getVariableDeclaration());
        List<Expression> writes = Bindings.writesWithin(loop, owner);
        if (declaration instanceof VariableDeclarationFragment fragment && Loops.contains(loop, fragment)) {
            return fragment.getInitializer() != null && freshInPass(fragment.getInitializer(), loop, unit) && writes.isEmpty();
        }
        // declared before the loop and assigned in every pass it is used in (table = tables.get(token))
        return !writes.isEmpty() && writes.stream().allMatch(write -> write instanceof Assignment assignment
                && assignment.getOperator() == Assignment.Operator.ASSIGN
                && freshInPass(assignment.getRightHandSide(), loop, unit));
    }

    private static boolean freshInPass(Expression value, ASTNode loop, CompilationUnit unit) {
        Expression e = Bindings.unwrap(value);
        while (e instanceof org.eclipse.jdt.core.dom.CastExpression cast) {
            e = Bindings.unwrap(cast.getExpression());
        }
        return e instanceof ClassInstanceCreation || looksUpByThePass(e, loop, unit);
    }

    /** {@code tables.get(name)} where name changes per pass (declared or assigned in the loop): another object each pass. */
    private static boolean looksUpByThePass(Expression initializer, ASTNode loop, CompilationUnit unit) {
        if (!(Bindings.unwrap(initializer) instanceof org.eclipse.jdt.core.dom.MethodInvocation call)) {
            return false;
        }
        for (Object argument : call.arguments()) {
            for (IVariableBinding read : PureExpressions.variablesRead((Expression) argument)) {
                ASTNode declaration = unit.findDeclaringNode(read.getVariableDeclaration());
                if (declaration != null && (Loops.contains(loop, declaration) || !Bindings.writesWithin(loop, read).isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ASTNode body(ASTNode loop) {
        if (loop instanceof ForStatement statement) {
            return statement.getBody();
        }
        if (loop instanceof EnhancedForStatement statement) {
            return statement.getBody();
        }
        if (loop instanceof WhileStatement statement) {
            return statement.getBody();
        }
        if (loop instanceof DoStatement statement) {
            return statement.getBody();
        }
        return loop instanceof LambdaExpression lambda ? lambda.getBody() : null;
    }
}

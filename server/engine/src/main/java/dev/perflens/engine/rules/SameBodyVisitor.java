package dev.perflens.engine.rules;

import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.TypeDeclarationStatement;

/**
 * Visits the code that runs as part of the visited body only: it does not descend into lambdas,
 * anonymous classes or local classes, whose code runs when (and as often as) something else calls it.
 */
public abstract class SameBodyVisitor extends ASTVisitor {
    @Override
    public boolean visit(LambdaExpression node) {
        return false;
    }

    @Override
    public boolean visit(AnonymousClassDeclaration node) {
        return false;
    }

    @Override
    public boolean visit(TypeDeclarationStatement node) {
        return false;
    }
}

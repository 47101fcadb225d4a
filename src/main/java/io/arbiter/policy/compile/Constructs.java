package io.arbiter.policy.compile;

import com.github.javaparser.ast.Node;

/** Constructs of Java that the policy language refuses, named in words that say why. */
final class Constructs {

    private Constructs() {
    }

    /** What a construct outside the language is, in words that say why it is refused. */
    static String describe(Node node) {
        String type = node.getClass().getSimpleName();
        return switch (type) {
            case "ObjectCreationExpr" -> "creates an object";
            case "ArrayCreationExpr", "ArrayInitializerExpr" -> "creates an array";
            case "ArrayAccessExpr" -> "reads an array";
            case "LambdaExpr" -> "is a lambda (a function)";
            case "MethodReferenceExpr" -> "is a method reference (a function)";
            case "ClassExpr" -> "names a class (.class)";
            case "TypeExpr" -> "names a type";
            case "CastExpr" -> "converts a value with a cast";
            case "InstanceOfExpr" -> "tests a type (instanceof)";
            case "AssignExpr" -> "assigns a value";
            case "VariableDeclarationExpr" -> "declares a variable";
            case "ThisExpr", "SuperExpr" -> "reaches the generated rule class";
            case "TextBlockLiteralExpr" -> "is a text block";
            case "CharLiteralExpr" -> "is a single character (use double quotes for text)";
            case "SwitchExpr", "SwitchStmt" -> "is a switch";
            case "FieldAccessExpr" -> "reads a field of something that is not a fact bound in this rule";
            case "WhileStmt", "DoStmt", "ForStmt", "ForEachStmt" -> "is a loop";
            case "IfStmt" -> "is an if (put the condition in a condition column or the rule's when part)";
            case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt" -> "declares a class";
            case "ExpressionStmt" -> "is not a call of the stage's result";
            case "TryStmt", "ThrowStmt" -> "handles or throws exceptions";
            case "ReturnStmt", "BreakStmt", "ContinueStmt", "YieldStmt", "LabeledStmt" -> "changes the flow of the rule";
            case "SynchronizedStmt" -> "locks (synchronized)";
            case "BlockStmt" -> "is a block of statements";
            case "AssertStmt" -> "is an assert";
            default -> "is a construct (" + type.replace("Expr", " expression").replace("Stmt", " statement") + ")";
        };
    }
}

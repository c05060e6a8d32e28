import PolicyLanguage
enum PolicyEvaluatorModule {}

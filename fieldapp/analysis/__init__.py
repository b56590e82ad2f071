"""Scores over many stored submissions: an organization's round, shares with their confidence
intervals. (One submission's scores come from its form: ``fieldapp.forms.scores``.)"""

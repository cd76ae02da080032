"""REST API for surveys: the same rules as the pages, asked of `mentora.surveys.access`.

A person reads and answers their own surveys. Managers of a program read and change its survey
schedule, write and send its own surveys and see response rates. Individual answers reach a
manager only for named instruments; confidential ones give totals of at least five people.
"""

"""Serializers of the REST API, one module per feature.

Output serializers describe what is returned; input serializers only validate and type what a
client sends. Writes are never done by a serializer: views pass validated data to a service.
"""
